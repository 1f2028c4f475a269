"""The stages a build reports through its progress hook `(stage, done, total)`, in their order.

The CLI, Discord and the benchmarks read these names; the builder is the one that sends them."""

from collections.abc import Callable

# The hook itself: called with (stage, done, total); (stage, 0, 0) marks a stage's start.
Progress = Callable[[str, int, int], None]

LOADING = "loading"
CHUNKING = "chunking"
EMBEDDING = "embedding"
ATTRIBUTING = "attributing"
EMBEDDING_SENTENCES = "embedding sentences"
INDEXING = "indexing"
WRITING = "writing"
ORDER = (LOADING, CHUNKING, EMBEDDING, ATTRIBUTING, EMBEDDING_SENTENCES, INDEXING, WRITING)
# The stages whose (done, total) count texts through the model.
EMBEDDING_STAGES = (EMBEDDING, EMBEDDING_SENTENCES)
# Prefix of the report that says how many texts the vector cache already held
# ("resuming chunks", 41230, 83133); it is not a stage of its own.
RESUMING = "resuming "
