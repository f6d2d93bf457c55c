"""opsloop: unstructured operational input in, reviewed ERP actions out."""

__version__ = "0.1.0"
