"""Defaults of the screenshots (one place; the CLI options of the same names override them)."""

#: which findings get a picture: "serious" (vetoes, deductions, findings marked for review), "all", "none"
SCREENSHOTS = "serious"
#: pages rendered at once (one Chromium, one context)
SCREENSHOT_CONCURRENCY = 4
#: thumbnail width in report.html (px)
THUMB_WIDTH = 320

RENDER = {
    "viewport": {"width": 1280, "height": 900},
    "max_height": 2400,          # a tall element grows the picture up to this height
    "margin": 90,                # space above the outlined element
    "caption_room": 120,         # space kept for the caption bar
    "outline": "#ff00aa",        # a colour government pages do not use, so the mark is unmistakable
    "outline_width": 4,
    "outline_pad": 4,
    "timeout_ms": 15_000,
}
