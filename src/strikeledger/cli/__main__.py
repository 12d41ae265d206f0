from strikeledger.cli import main

main()
