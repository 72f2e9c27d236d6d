"""What the numbers are: coverage, activity, the gap, the planner's costs and the summaries. Pure Polars."""
