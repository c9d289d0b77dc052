"""City projects: what the city builds in answer to residents' ideas, followed to delivery."""
