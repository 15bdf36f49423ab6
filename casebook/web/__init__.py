"""The web interface: one blueprint per aggregate, thin views over the services."""
