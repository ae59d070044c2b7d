"""Platform and CRM exports into the workbook: recognize each export by its content
(`sniffing`), read its rows (one module per platform), map them onto the contract's tables
(`mapping`) and write them into the workbook's Excel Tables (`writer`); `run` ties them up."""
