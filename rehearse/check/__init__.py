"""``rehearse check``: verify guide revisions against the screens of the mock sites, instruction by instruction.

The pieces: ``capture`` (what a rehearsal saw: the data model shared by all the others), ``rehearsal`` (drives
a real browser through the whole journey once and captures every screen, e-mail and SMS), ``claims``
(what an instruction's text says that a screen can confirm or contradict), ``verify`` (claims against
captured screens: findings), ``output`` (text, JSON, JUnit) and ``illustrated`` (the HTML illustrated guide).
"""
