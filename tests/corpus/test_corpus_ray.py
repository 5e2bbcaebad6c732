"""``--backend ray``: the same batch on a local Ray instance with 2 CPUs (Ray Data, an actor pool
of 2, the model loaded once per actor) writes the same folder as the local run, byte for byte
(the folder is rewritten in input order when a run completes). Slow: Ray starts in ~10 s."""
import pytest

from gikp_nlp.corpus import run_batch
from tests.corpus.test_corpus_batch import make_corpus, outputs

pytestmark = pytest.mark.slow
ray = pytest.importorskip("ray", reason="the [ray] extra is not installed: pip install 'gikp-nlp[ray]'")

#: the Ray instance the test starts: 2 CPUs, no dashboard
RAY_CPUS = 2


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=RAY_CPUS, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.mark.parametrize("engine", ["rules", "auto"])
def test_corpus_ray_gives_the_local_output(tmp_path, local_ray, engine):
    paths = make_corpus(tmp_path / "in", 12)
    overrides = {"narrative.engine": engine}
    run_batch(paths, tmp_path / "local", overrides=overrides)
    result = run_batch(paths, tmp_path / "ray", overrides=overrides, backend="ray", n_process=RAY_CPUS)
    assert (result.done, result.failed, result.interrupted) == (12, 0, False)
    assert outputs(tmp_path / "ray") == outputs(tmp_path / "local")
