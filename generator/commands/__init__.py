"""The commands on top of the pipeline: check, build, serve, new, diff, explain."""
