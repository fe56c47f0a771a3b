"""The version of the estimate document the engine writes.

Bump ENGINE_VERSION whenever the engine's output changes (a new section, a key renamed, a
figure computed differently): the app recomputes every stored estimate of an older
version instead of reading an old shape.
"""

ENGINE_VERSION = 6
