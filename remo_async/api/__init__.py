"""The HTTP layer: middlewares, views, routes, OpenAPI. HTTP only."""
