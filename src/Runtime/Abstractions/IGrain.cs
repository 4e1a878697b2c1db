namespace Playbound.Runtime;

/// <summary>Marker for every grain interface. Grain interfaces must derive from a keyed variant such as <see cref="IGrainWithStringKey"/>.</summary>
public interface IGrain;

/// <summary>A grain identified by a string key, e.g. a user id.</summary>
public interface IGrainWithStringKey : IGrain;
