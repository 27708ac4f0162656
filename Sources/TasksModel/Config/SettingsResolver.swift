import FoundationEssentials

/// Resolves `Settings` from the layers, lowest first: defaults, the config
/// file's top level, its selected profile, environment variables, flags.
/// Which names each layer uses, how values are checked and shown: all read
/// from `SettingDescriptor.all`, so every layer is checked the same way.
public enum SettingsResolver {
    /// The default config file: `$XDG_CONFIG_HOME/tasks-tui/config.json`, else `~/.config/tasks-tui/config.json`.
    public static func defaultConfigPath(environment: [String: String], home: String) -> String {
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return base + "/tasks-tui/config.json"
    }

    /// The default state directory: `$XDG_STATE_HOME/tasks-tui`, else `~/.local/state/tasks-tui`.
    public static func defaultStateDirectory(environment: [String: String], home: String) -> String {
        let base = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/state"
        return base + "/tasks-tui"
    }

    /// The config file at `path`, parsed: opened once and refused, with the
    /// `chmod` that fixes it, when its group or others can write it.
    public static func readConfigFile(_ path: String) throws(SettingsError) -> JSONValue {
        let bytes = try PrivateFile.readConfig(path, limit: 1 << 20)
        do {
            return try JSONValue.parse(Data(bytes))
        } catch {
            throw SettingsError("the config file \(path) is not valid JSON")
        }
    }

    /// One layer: where its values come from, and its raw value for each key it sets.
    typealias Layer = (source: SettingSource, values: [SettingKey: JSONValue])

    /// Resolves every setting. `file` is the parsed config file (nil when there is none) at `filePath`;
    /// `flags` holds what the command line gave, by setting (a switch: true when given).
    public static func resolve(
        file: JSONValue?, filePath: String?, environment: [String: String],
        flags: [SettingKey: any SettingFlagValue], home: String
    ) throws(SettingsError) -> Settings {
        let state = defaultStateDirectory(environment: environment, home: home)
        var defaults: [SettingKey: JSONValue] = [:]
        for descriptor in SettingDescriptor.all { defaults[descriptor.key] = descriptor.defaultValue(state) }
        var below: [Layer] = [(.defaultValue, defaults)]
        var configFile: ConfigFile?
        if let file, let filePath {
            let parsed = try ConfigFile(file, path: filePath)
            below.append((.file(filePath), parsed.topLevel))
            configFile = parsed
        }
        let above = environmentLayers(environment) + flagLayers(flags)
        // The layers around the profile choose it, so it is chosen before its own layer joins them.
        var layers = below
        if let name = try selectedProfile(in: below + above, home: home) {
            guard let configFile else {
                throw SettingsError(
                    "profile \"\(name)\" asked for, but there is no config file (\(filePath ?? "none"))")
            }
            layers.append((.profile(name, file: configFile.path), try configFile.profile(name)))
        }
        layers += above

        var settings = Settings()
        settings.configFile = filePath
        for layer in layers {
            for descriptor in SettingDescriptor.all {
                guard let raw = layer.values[descriptor.key], !raw.isNull else { continue }
                let input = SettingInput(key: descriptor.key, raw: raw, source: layer.source, home: home)
                try descriptor.store(input, &settings)
                settings.sources[descriptor.key.rawValue] = layer.source
            }
        }
        try checkOneTokenSource(settings)
        for descriptor in SettingDescriptor.all {
            let key = descriptor.key.rawValue
            if settings.sources[key] == nil { settings.sources[key] = .defaultValue }
            if settings.sources[key] == .defaultValue, let other = descriptor.sourceFollows?.rawValue,
                let source = settings.sources[other]
            {
                settings.sources[key] = source
            }
        }
        return settings
    }

    /// The most explicit choice of credentials wins, and a clash is refused: a
    /// token file named by a flag, a profile or TASKS_API_TOKEN_FILE and a
    /// TASKS_API_TOKEN exported too (a staging token left in the shell) is an
    /// error naming what to drop, never a silent pick. A token file from the
    /// config file's top level is only a default: TASKS_API_TOKEN beats it.
    static func checkOneTokenSource(_ settings: Settings) throws(SettingsError) {
        guard settings.tokenFromEnvironment, settings.tokenFile != nil,
            let source = settings.sources[SettingKey.tokenFile.rawValue]
        else { return }
        let named: String
        switch source {
        case .flag(let flag): named = flag
        case .profile(let name, _): named = "token_file of profile \"\(name)\""
        case .environment(let variable): named = variable
        case .file, .defaultValue: return
        }
        throw SettingsError(
            "both TASKS_API_TOKEN and \(named) name a token: unset TASKS_API_TOKEN to use the token file, "
                + "or drop \(named) to use the variable")
    }

    /// The profile the highest layer names, checked like any other value.
    static func selectedProfile(in layers: [Layer], home: String) throws(SettingsError) -> String? {
        for layer in layers.reversed() {
            guard let raw = layer.values[.profile], !raw.isNull else { continue }
            return try SettingInput(key: .profile, raw: raw, source: layer.source, home: home).name()
        }
        return nil
    }

    /// One layer per environment variable that is set and not empty, so `config` can name the variable.
    static func environmentLayers(_ environment: [String: String]) -> [Layer] {
        SettingDescriptor.all.compactMap { descriptor in
            guard let variable = descriptor.environment, let text = environment[variable.name], !text.isEmpty
            else { return nil }
            switch variable {
            case .value(let name): return (.environment(name), [descriptor.key: .string(text)])
            case .presence(let name, let value): return (.environment(name), [descriptor.key: value])
            }
        }
    }

    /// One layer per flag given; a switch given sets what its descriptor says.
    static func flagLayers(_ flags: [SettingKey: any SettingFlagValue]) -> [Layer] {
        SettingDescriptor.all.compactMap { descriptor in
            guard let flag = descriptor.flag, let value = flags[descriptor.key]?.settingValue else { return nil }
            return (.flag(flag.name), [descriptor.key: flag.sets ?? value])
        }
    }

    /// `tasks-tui config`: every key, its value and its source; the token only as set or not set.
    public static func describe(_ settings: Settings) -> [(key: String, value: String, source: String)] {
        SettingDescriptor.all.map { descriptor in
            let key = descriptor.key.rawValue
            return (key, descriptor.show(settings), settings.sources[key]?.description ?? "default")
        }
    }
}
