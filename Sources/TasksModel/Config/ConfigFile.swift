/// The config file, checked as a whole: a JSON object whose keys, at the top
/// level and in every profile, are keys the settings table allows there. A
/// misspelt key is an error wherever it is, not a setting silently ignored.
struct ConfigFile {
    var path: String
    /// The top level's values, by setting.
    var topLevel: [SettingKey: JSONValue]
    /// Each profile's object, by name.
    var profiles: [String: [String: JSONValue]]

    /// The key under which the file holds its profiles.
    static let profilesKey = "profiles"

    init(_ file: JSONValue, path: String) throws(SettingsError) {
        guard case .object(let top) = file else {
            throw SettingsError("\(path): the config file must be a JSON object")
        }
        try Self.check(top, known: Set(Self.fileKeys(inProfile: false).map(\.name) + [Self.profilesKey]), at: path)
        self.path = path
        self.topLevel = Self.values(top, inProfile: false)
        self.profiles = [:]
        if case .object(let profiles)? = top[Self.profilesKey] {
            let known = Set(Self.fileKeys(inProfile: true).map(\.name))
            for (name, value) in profiles.sorted(by: { $0.key < $1.key }) {
                let place = SettingSource.profile(name, file: path).description
                guard case .object(let profile) = value else {
                    throw SettingsError("\(place): a profile must be a JSON object")
                }
                try Self.check(profile, known: known, at: place)
                self.profiles[name] = profile
            }
        }
    }

    /// The values of the profile `name`, by setting.
    func profile(_ name: String) throws(SettingsError) -> [SettingKey: JSONValue] {
        guard let profile = profiles[name] else {
            let names = profiles.keys.sorted()
            throw SettingsError(
                "profile \"\(name)\" is not in \(path)"
                    + (names.isEmpty ? " (it has no profiles)" : " (profiles: \(names.joined(separator: ", ")))"))
        }
        return Self.values(profile, inProfile: true)
    }

    /// The names the file may use, at the top level or in a profile, and the setting each one sets.
    private static func fileKeys(inProfile: Bool) -> [(name: String, key: SettingKey)] {
        SettingDescriptor.all.compactMap { descriptor in
            guard let name = descriptor.fileKey, !inProfile || descriptor.file == .everywhere else { return nil }
            return (name, descriptor.key)
        }
    }

    private static func values(_ object: [String: JSONValue], inProfile: Bool) -> [SettingKey: JSONValue] {
        var values: [SettingKey: JSONValue] = [:]
        for (name, key) in fileKeys(inProfile: inProfile) { values[key] = object[name] }
        return values
    }

    private static func check(_ object: [String: JSONValue], known: Set<String>, at place: String)
        throws(SettingsError)
    {
        for key in object.keys.sorted() where !known.contains(key) {
            throw SettingsError("\(place): unknown key \"\(key)\" (known: \(known.sorted().joined(separator: ", ")))")
        }
    }
}
