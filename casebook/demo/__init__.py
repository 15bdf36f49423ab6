"""An invented, clearly labelled demonstration dataset (``casebook demo``).

Every person is invented: names are drawn at random from pools of common Armenian given
names and surnames, every person's notes begin "DEMO DATA: invented person" and every
source title begins "[DEMO]". Towns are real; detention facilities carry generic labels.
The first 40 persons fill every table and carry a few deliberate problems for the
citation audit to find (listed in ``DemoSummary.problems``).
"""

from casebook.demo.load import DemoSummary, load_demo

__all__ = ["DemoSummary", "load_demo"]
