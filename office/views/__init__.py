"""The back office's views, one module per topic. Each URL has its own view; views read
through the selectors and write through the services."""
