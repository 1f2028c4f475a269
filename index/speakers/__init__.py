"""Who said what, looked up: one speaker index for `/ask "what did X say"`, `/said` and
`quotebot said`.

Attribution (index.attribution) decides each statement's speaker once, at build time; this
package only *looks them up*. Modules: `names` (name keys, surnames, titles, namesakes),
`lookup` (what the user typed → a `Target`; which statements count as the target's),
`directory` (canonical speaker → statements, built once per loaded index), `listing` (what
`/said` lists: newest first, an optional `about`, pages).
"""

from __future__ import annotations

from index.speakers.directory import Speaker, SpeakerDirectory
from index.speakers.lookup import Target, resolve_target, speaks_for
from index.speakers.names import name_key, same_person

__all__ = ["Speaker", "SpeakerDirectory", "Target", "name_key", "resolve_target", "same_person", "speaks_for"]
