"""Tags words in the real window offscreen, first alone, then while Model › Train now runs,
and prints the timings as one JSON line (run by bench_model in a child process):

    python -m benchmarks.model_driver PROJECT ANNOTATOR COUNT

Each tag is timed until the window has processed what it queued (the paint included), as
in gui_driver; between tags the event loop runs, so the window polls the training process
as it would for a person tagging.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from annotator.core.model import Status
    from annotator.gui.app import build_main_window
    from benchmarks.gui_driver import _word_ranges

    path, annotator, count = Path(argv[0]), argv[1], int(argv[2])
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat)
        win = build_main_window(path, annotator, settings=settings)
        win.resize(1280, 800)
        win.show()
        app.processEvents()
        store = win.store
        done = set(store.article_ids(annotator=annotator, status=Status.DONE))
        todo = [a for a in store.article_ids() if a not in done]
        words: list[tuple[int, int, int]] = []
        for aid in todo:
            words += [(aid, s, e) for s, e in _word_ranges(store.article_text(aid), 60)]
        labels = [lab.name for lab in store.labels()]

        def tag(k: int) -> float:
            aid, s, e = words[k]
            if win.current_article_id != aid:
                win.open_article(aid)
                app.processEvents()
            t = time.perf_counter()
            win.tag_range(s, e, labels[k % len(labels)])
            app.processEvents()
            return time.perf_counter() - t

        before = [tag(k) for k in range(count)]
        loop = win.model_loop
        started = time.perf_counter()
        loop.train_now()
        during: list[float] = []
        k = count
        while loop.running and k < len(words):
            if len(during) < count:
                during.append(tag(k))
                k += 1
            app.processEvents()
            time.sleep(0.05)  # a person tags a few words a second, not hundreds
        while loop.running:
            app.processEvents()
            time.sleep(0.05)
        result: dict[str, Any] = {
            "before_s": before,
            "during_s": during,
            "training_s": time.perf_counter() - started,
            "ok": bool(loop.last_outcome and loop.last_outcome.ok),
        }
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
