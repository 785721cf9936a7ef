"""Writing a file so that a reader sees the old one or the new one, never half of either.

Shared by the tools that regenerate data files (tools/chronicle, tools/realm).
"""

import os
import tempfile


def write_atomic(path, text):
    """Writes `text` (UTF-8, \\n line ends) to a temporary file beside `path`, then renames it over `path`."""
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
