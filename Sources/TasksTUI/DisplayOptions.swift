import ArgumentParser
import TasksModel

/// The options of how the dashboard looks and polls, and its log: the ones
/// `demo` takes too (`GlobalOptions.demoKeys`). One declaration, shared
/// through `@OptionGroup` by every command and by `demo`, so the two cannot
/// drift; each flag's name and help come from its `SettingDescriptor`.
struct DisplayOptions: ParsableArguments {
    @Option(name: GlobalOptions.flag(.refreshInterval), help: GlobalOptions.help(.refreshInterval))
    var refreshInterval: Double?

    @Option(name: GlobalOptions.flag(.stallThreshold), help: GlobalOptions.help(.stallThreshold))
    var stallThreshold: Double?

    @Flag(name: GlobalOptions.flag(.readOnly), help: GlobalOptions.help(.readOnly))
    var readOnly = false

    @Flag(name: GlobalOptions.flag(.color), help: GlobalOptions.help(.color))
    var noColor = false

    @Flag(name: GlobalOptions.flag(.mouse), help: GlobalOptions.help(.mouse))
    var noMouse = false

    @Option(name: GlobalOptions.flag(.hyperlinks), help: GlobalOptions.help(.hyperlinks))
    var hyperlinks: HyperlinkMode?

    @Option(name: GlobalOptions.flag(.logFile), help: GlobalOptions.help(.logFile))
    var logFile: String?

    /// The flags as given, by setting.
    var flagValues: [SettingKey: any SettingFlagValue] {
        [
            .refreshInterval: refreshInterval, .stallThreshold: stallThreshold, .readOnly: readOnly,
            .color: noColor, .mouse: noMouse, .hyperlinks: hyperlinks, .logFile: logFile,
        ]
    }
}
