"""What goes out: charts, maps, the report tables, PNG exports and the briefing."""
