"""Imported once by the build's fork server (:mod:`multiprocessing.forkserver`): it loads
spaCy, the pipeline and every lexicon, so that each worker process forked from the server
starts warm, and a rebuild that finds one changed file does not pay seconds of start-up."""
from .work import warm_worker

warm_worker()
