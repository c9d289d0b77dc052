"""Comments on published ideas and créathon outcomes: threads, arguments for and against."""
