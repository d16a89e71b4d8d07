-- Headless Neovim check of `charterlint lsp` (run by tests/editors.rs):
--   CHARTERLINT=/path/to/charterlint nvim --headless -u NONE -c "luafile editors/nvim-check.lua" FILE
-- Opens FILE with Neovim's built-in LSP client attached to charterlint, waits
-- for the diagnostics, prints one line per diagnostic and quits (exit 0 when
-- some arrived, 1 otherwise). Works with Neovim 0.7 (Debian 12) and later.
local binary = os.getenv("CHARTERLINT") or "charterlint"
local client_id = vim.lsp.start_client({
  name = "charterlint",
  cmd = { binary, "lsp" },
  root_dir = vim.fn.getcwd(),
})
local buffer = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buffer, client_id)
local arrived = vim.wait(20000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)
for _, d in ipairs(vim.diagnostic.get(buffer)) do
  local code = (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or d.code or "?"
  print(string.format("%d:%d %s %s", d.lnum + 1, d.col + 1, code, (d.message:gsub("\n.*", ""))))
end
vim.lsp.stop_client(client_id)
vim.cmd(arrived and "qall!" or "cquit! 1")
