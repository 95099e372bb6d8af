"""Running work off the GUI thread: jobs with owners, the worker lanes, a synchronous runner
for tests, and garbage collection kept on the GUI thread."""
