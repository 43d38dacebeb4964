"""`briefings diff REV`: what a change does to the briefing, for reviewers."""
