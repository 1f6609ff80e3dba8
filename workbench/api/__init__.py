"""REST API glue shared by the apps' viewsets: auth, errors, pagination, throttles, schema."""
