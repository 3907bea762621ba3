"""The quality checks (pipeline/qa/): each fires on a bad translation and stays silent on a good one."""
