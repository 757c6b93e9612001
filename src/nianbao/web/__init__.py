"""The web review service (``nianbao serve``): schools submit their reports, reviewers review them,
every finding gets a decision that lasts. A thin layer over store/ and the packages that read,
check and evaluate reports."""
