"""Studies that solve many scenarios: batches, what-if variants, Monte Carlo risk."""
