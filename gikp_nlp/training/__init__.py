"""Training the narrative model, inside the package so it runs from a wheel.

``synth`` (the synthetic report generator), ``corpus`` (gold documents and their
splits), ``config`` (a run's checked hyper-parameters), ``train`` (the loop),
``card`` (the model card), ``evaluate`` (the one scorer), ``cv`` (k-fold
cross-validation over the recorded folds) and ``cli`` (``gikp
train``/``gikp evaluate``). Needs the ``[train]`` extra (datasets, seqeval);
nothing is imported here, so ``import gikp_nlp.training`` stays cheap.
"""
