def test_package_imports():
    import gikp_nlp

    assert gikp_nlp.__version__
