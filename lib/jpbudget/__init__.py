"""jpbudget."""
