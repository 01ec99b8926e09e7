"""zenplan: select and schedule data-science and ML portfolios with OR-Tools CP-SAT."""
