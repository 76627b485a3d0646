"""The public register's read side: search, one licence as the public sees it, refused and
revoked providers, certificate checks and watches. Used by the public site and the API alike,
so both show the same providers and exactly the same fields."""
