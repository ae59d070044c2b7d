from roi_report.cli import main

main()
