-- A second LSP client: headless Neovim (Debian's, 0.7 or later) starts the docker-harden
-- language server, opens each file given in DH_FILES (path=filetype, separated by ';'),
-- waits for diagnostics and writes what it received to DH_RESULTS. Exits 0 when every file
-- received at least one docker-harden diagnostic and, for a Compose file, the hardening plan
-- (workspace/executeCommand dockerHarden.plan, then dockerHarden.applyPlan applied by Neovim)
-- set privileged: false; 1 otherwise.
local server = os.getenv('DH_SERVER')
local results_path = os.getenv('DH_RESULTS')
local failures = 0
local lines = {}

for spec in string.gmatch(os.getenv('DH_FILES'), '[^;]+') do
  local file, filetype = string.match(spec, '^(.*)=(.*)$')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.api.nvim_buf_set_option(buf, 'filetype', filetype)
  local client_id = vim.lsp.start_client({
    name = 'docker-harden',
    cmd = { 'node', server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
  })
  vim.lsp.buf_attach_client(buf, client_id)
  local received = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
  local diagnostics = vim.diagnostic.get(buf)
  if not received then failures = failures + 1 end
  table.insert(lines, string.format('%s (%s): %d diagnostics', file, filetype, #diagnostics))
  for _, d in ipairs(diagnostics) do
    table.insert(lines, string.format('  %d:%d %s [%s] %s', d.lnum + 1, d.col + 1, d.source or '?', tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'), d.message))
  end
  if filetype == 'yaml' then
    local client = vim.lsp.get_client_by_id(client_id)
    local uri = vim.uri_from_bufnr(buf)
    local planned = client.request_sync('workspace/executeCommand',
      { command = 'dockerHarden.plan', arguments = { { uri = uri } } }, 20000, buf)
    local plan = planned and planned.result
    local target = plan and plan.targets and plan.targets[1]
    if not target then
      failures = failures + 1
      table.insert(lines, '  plan: no targets (' .. vim.inspect(planned and planned.err) .. ')')
    else
      table.insert(lines, string.format('  plan: %s %s, %d of %d measures', target.kind, target.name, target.score.applied, target.score.of))
      local applied = client.request_sync('workspace/executeCommand', {
        command = 'dockerHarden.applyPlan',
        arguments = { { uri = uri, version = plan.version, target = target.name, measures = { 'no-privileged' } } },
      }, 20000, buf)
      if applied and applied.result then vim.lsp.util.apply_workspace_edit(applied.result, 'utf-16') end
      local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
      local ok = string.find(text, 'privileged: false', 1, true) ~= nil
      if not ok then failures = failures + 1 end
      table.insert(lines, '  applyPlan no-privileged: ' .. (ok and 'privileged: false' or 'NOT APPLIED'))
    end
  end
end

vim.fn.writefile(lines, results_path)
vim.lsp.stop_client(vim.lsp.get_active_clients())
vim.cmd((failures == 0) and 'qa!' or 'cquit 1')
