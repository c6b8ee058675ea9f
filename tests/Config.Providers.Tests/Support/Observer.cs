namespace Config.Providers.Tests.Support;

/// <summary>An observer that hands each item to a callback.</summary>
public sealed class Observer<T>(Action<T> onNext) : IObserver<T>
{
    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void OnNext(T value) => onNext(value);
}
