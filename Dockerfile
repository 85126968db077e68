# remo-async: the API server and its `migrate` command, in one image.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    REMO_MIGRATIONS_DIR=/app/migrations \
    REMO_HOST=0.0.0.0 \
    REMO_PORT=8080

WORKDIR /app
# Only what the install needs: a checkout's .venv, .git and .remo/ stay out of the image.
COPY pyproject.toml README.md requirements.lock /app/
COPY remo_async /app/remo_async
COPY migrations /app/migrations
# The lock pins the versions CI tested; it constrains, it adds nothing.
RUN pip install --no-cache-dir -c /app/requirements.lock /app

RUN useradd --create-home --uid 10001 remo
USER remo
WORKDIR /home/remo

EXPOSE 8080
CMD ["remo-async", "serve"]
