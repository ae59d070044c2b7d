"""roi-report: audited social-media ROI workbooks and branded PDF reports."""

__version__ = "0.1.0"
