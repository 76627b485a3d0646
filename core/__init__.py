"""Infrastructure shared by every app and owned by none: who the client is, how often it may
ask, and how PDFs are set in type. Nothing here knows about licences or providers."""
