"""Lesson slides: every lesson plan as a classroom deck (reveal.js, in the teacher edition), an
editable PowerPoint file and a printed handout, all drawn from the lesson data so that the
plan and the slides never disagree.

- ``deck``: the slides of a lesson, as data (``build_deck``);
- ``text``: lesson text (MyST Markdown) as HTML or styled runs;
- ``cards``: the cards of a printed handout (scenario cards, exit tickets);
- ``html``, ``pptx``: the two renderers; ``build``: writing them all;
- ``sphinx``: the teacher build writes the decks; links to them from lesson pages;
- the command, ``tipcourse slides``, is ``tipcourse.cli.slides``.
"""

from tipcourse.slides.deck import Deck, Slide, build_deck

__all__ = ["Deck", "Slide", "build_deck"]
