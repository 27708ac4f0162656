import ArgumentParser
import TasksModel

// Enumerations given on the command line are parsed by swift-argument-parser
// from their cases: an unknown word is refused with the list of valid ones,
// and `--help` and shell completions name the cases, all from the one enum.
extension StatusFilter: ExpressibleByArgument {}
extension HyperlinkMode: ExpressibleByArgument {}
