// The REST API of README.md, same origin. Errors arrive as {"error": {code, message}} and are thrown as ApiError.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function createApi(getToken) {
  async function request(method, path, body) {
    const headers = {};
    const token = getToken();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const payload = await response.json().catch(() => null);
    if (!response.ok) {
      const error = payload?.error ?? {};
      throw new ApiError(response.status, error.code ?? "HTTP_" + response.status,
        error.message ?? response.statusText);
    }
    return payload;
  }

  const query = (params) => new URLSearchParams(
    Object.entries(params).filter(([, value]) => value !== undefined && value !== null)).toString();

  return {
    register: (username, password) => request("POST", "/api/auth/register", { username, password }),
    login: (username, password) => request("POST", "/api/auth/login", { username, password }),
    me: () => request("GET", "/api/users/me"),
    user: (id) => request("GET", `/api/users/${encodeURIComponent(id)}`),
    userByName: (username) => request("GET", `/api/users?${query({ username })}`),
    chats: (page = {}) => request("GET", `/api/chats?${query({ limit: 100, ...page })}`),
    createChat: (type, memberIds, title) => request("POST", "/api/chats", { type, memberIds, title }),
    messages: (chatId, params) =>
      request("GET", `/api/chats/${encodeURIComponent(chatId)}/messages?${query(params)}`),
    editMessage: (id, text) => request("PATCH", `/api/messages/${encodeURIComponent(id)}`, { text }),
    deleteMessage: (id) => request("DELETE", `/api/messages/${encodeURIComponent(id)}`),
    presence: (userIds) => request("GET", `/api/presence?${query({ userIds: userIds.join(",") })}`),
  };
}
