"""Ideas: citizens' proposals for public spaces and mobility, with categories and districts."""
