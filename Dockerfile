FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY workbench ./workbench
COPY translations ./translations
COPY alignment ./alignment
COPY fixtures ./fixtures
COPY manage.py ./
RUN pip install --no-cache-dir -e .
RUN useradd --create-home workbench && mkdir -p /data && chown workbench /data
USER workbench
EXPOSE 8000
