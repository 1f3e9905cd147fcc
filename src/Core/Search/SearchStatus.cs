namespace GridSearch.Core.Search;

public enum SearchStatus
{
    Queued,
    Running,
    Completed,
    Cancelled,
}
