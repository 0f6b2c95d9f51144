"""Custom actions and knowledge helpers of the microneedling FAQ assistant."""
