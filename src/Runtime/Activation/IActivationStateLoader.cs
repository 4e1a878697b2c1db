namespace Playbound.Runtime.Activation;

/// <summary>A piece of grain state that is read during activation, before OnActivateAsync.</summary>
internal interface IActivationStateLoader
{
    Task LoadAsync(CancellationToken cancellationToken);
}
