"""Monitoring of publication for the ICT department: states, figures, charts, reminders."""
