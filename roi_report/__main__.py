from roi_report.cli import main

try:
    main()
finally:
    # Under `python -m`, CPython ends the process by SIGINT instead of our exit code (130
    # for an interrupted build) when the last exec of a *string* ended in KeyboardInterrupt,
    # even one handled since: Ctrl-C landing while an import makes a dataclass (its exec'd
    # methods) does that. An exec of a string that succeeds clears that stale mark; a
    # KeyboardInterrupt still escaping from here is marked again, as it should be.
    exec("")
