"""The Charter action plan: plans, measures, reports, feedback and live indicators.

``codes`` holds the code sets and the pure period arithmetic; ``service`` reads
and writes plans and measures; ``progress`` computes a plan's progress for a
day; ``indicators`` are the figures the portal computes itself; ``reports``
handles reports and feedback; ``control`` is the ICT department's view;
``rows`` turns a plan into rows and back (import, export, publication);
``reminders`` writes the report reminders the daily ``notify`` sends.
"""
