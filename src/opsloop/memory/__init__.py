"""Vendor memory: what people's corrections taught about each vendor, applied to its next documents.

- `learn_from_edit` / `unlearn_edit` (learn.py): the review workspace calls them after an edit and
  after undoing one; corrections become memory entries, numbered by vendor version.
- `recall_vendor_memory` (apply.py): the extract stage calls it after the engine; it recognises the
  vendor (identifiers, the chromadb index of corrected documents, names) and reads learned fields
  again at their learned place, with evidence naming the correction.
- `few_shot_examples` (examples.py): the two nearest corrected documents with their corrections,
  for the LLM chain's prompt.
- store.py: `list_memory`, `show_memory`, `forget` for `opsloop memory list|show|forget`;
  index.py: the chromadb collection (`opsloop memory rebuild`).
"""

from opsloop.memory.apply import Recall, recall_vendor_memory
from opsloop.memory.learn import learn_from_edit, unlearn_edit, vendor_key_of
from opsloop.memory.store import forget, list_memory, show_memory

__all__ = [
    "Recall",
    "forget",
    "learn_from_edit",
    "list_memory",
    "recall_vendor_memory",
    "show_memory",
    "unlearn_edit",
    "vendor_key_of",
]
